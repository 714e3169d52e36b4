"""Hand-written name lists by origin for the synthetic PHI corpus (first names, surnames).
These are common given names/surnames written for this project; US Census lists are loaded separately.
About 125-150 names per origin and part (40-50 until 2026-12-07), so that the fifth held out by name key
(synth.name_split: 20-31 per origin and part) makes a bias check whose per-origin recall is not decided by a handful
of names."""

ORIGINS = {
    "hispanic": (
        "José María Juan Carmen Luis Ana Carlos Rosa Jorge Guadalupe Miguel Lucía Alejandro Sofía Francisco Isabel "
        "Javier Elena Diego Valentina Ricardo Camila Fernando Gabriela Alberto Daniela Eduardo Mariana Raúl Ximena "
        "Andrés Paola Sergio Catalina Héctor Alejandra Rodrigo Beatriz Santiago Yolanda Mateo Esperanza Joaquín Dolores "
        "Ignacio Marisol Emilio Pilar Arturo Consuelo Adriana Agustín Alicia Alfonso Amparo Ángel Antonio Araceli "
        "Armando Aurora Benjamín Blanca Cecilia César Clara Cristina Cristóbal Dulce Elisa Enrique Esteban Eva Felipe "
        "Fernanda Gerardo Gilberto Gloria Gonzalo Gregorio Guillermo Horacio Irene Jacinto Jimena Julio Leticia Lorena "
        "Lourdes Luciana Manuel Marcela Margarita Martín Maximiliano Mercedes Nicolás Norma Octavio Orlando Osvaldo "
        "Pablo Patricio Paulina Pedro Rafael Ramón Raquel Renata Roberto Rocío Rogelio Rubén Salvador Silvia Susana "
        "Teresa Ulises Vicente Yesenia Zulema Anselmo Baltasar Celia Delfina Efraín Fabiola Graciela Itzel Lupita "
        "Maricela Nayeli Reyna Saúl Teodoro Abril Bernardo Concepción Edgar Evangelina Fidel Heriberto Humberto Jesús "
        "Lidia Maribel Nohemí",
        "García Rodríguez Martínez Hernández López González Pérez Sánchez Ramírez Torres Flores Rivera Gómez Díaz Reyes "
        "Morales Cruz Ortiz Gutiérrez Chávez Ramos Ruiz Mendoza Álvarez Castillo Jiménez Moreno Romero Herrera Medina "
        "Aguilar Vargas Castro Guzmán Fernández Salazar Delgado Ríos Contreras Figueroa Estrada Navarro Domínguez "
        "Cabrera Ibarra Villanueva Zamora Espinoza Quintero Velázquez Acosta Aguirre Alvarado Arroyo Ávila Ayala "
        "Barrera Bautista Benítez Bustamante Calderón Camacho Campos Cárdenas Carrillo Castañeda Cervantes Cisneros "
        "Córdoba Cortés Cuevas Dávila Duarte Escobar Espinosa Fuentes Galindo Gallegos Garza Guerrero Ibáñez Juárez "
        "Lozano Macías Maldonado Marín Márquez Mejía Meléndez Mercado Miranda Molina Montoya Muñoz Nieto Núñez Ochoa "
        "Orozco Ortega Pacheco Padilla Palacios Paredes Peña Pineda Ponce Quiroga Rangel Rosales Rojas Salas Salinas "
        "Sandoval Santana Serrano Solís Suárez Tapia Trujillo Valdez Valencia Valenzuela Vázquez Velasco Villarreal "
        "Zapata Zúñiga Beltrán Carrasco Esquivel Galván Hidalgo Olivares Porras Quintana Robles Sosa Toledo Arellano "
        "Bermúdez Cabello Escamilla Godínez Limón Magaña Olvera Sepúlveda Urbina Zepeda",
    ),
    "east_asian": (
        "Wei Jing Hui Xiaoming Li Mei Jun Yan Hao Ying Zhiwei Xiu Min-jun Seo-yeon Ji-ho Ha-eun Jae-won Soo-jin Hyun-woo "
        "Eun-ji Hiroshi Yuki Takeshi Haruka Kenji Aiko Satoshi Naoko Daisuke Sakura Ryo Emiko Minh Linh Thanh Huong "
        "Duc Lan Quang Trang Jian Xin Bo Lei Fang Kaito Yuna Tuan Ngoc Shu Wenjing Xiaoling Yiming Haoran Zihan Yuxuan "
        "Ruoxi Jiahui Junjie Mingyu Shuang Tingting Xiaoyu Yifan Zhiqiang Guang Peng Qiang Xiaohong Yuying Chunhua "
        "Lihua Jianguo Seo-jun Do-yun Ji-woo Min-seo Hye-jin Young-ho Dong-hyun Kyung-soo So-yeon Tae-yang Akira Haruto "
        "Ren Sora Takumi Yui Yuto Riko Kazuki Asuka Shota Miyu Daiki Ayaka Kenta Nanami Hiroki Misaki Tomoko Masato "
        "Keiko Yusuke Chiyo Anh Bao Hanh Hieu Khanh Mai Phuong Quyen Thao Trung Vy Tam Nga Loan Huy Thuy Dat Xuan Chau "
        "Jiayi Zhen Ling Kyoko Sachiko Shinji Hyun-jung Seung-ho Mi-rae",
        "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin Luo Zheng Liang Kim Lee Park Choi Jung "
        "Kang Cho Yoon Jang Lim Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Nguyen Tran "
        "Le Pham Hoang Phan Vu Dang Bui Do Gao Deng Feng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Du Ye Cheng "
        "Wei Su Lu Ding Shen Yao Han Shin Seo Kwon Hwang Ahn Hong Jeon Ko Bae Baek Heo Yoshida Yamada Sasaki Yamaguchi "
        "Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Abe Ikeda Hashimoto Ishikawa Ogawa Fujita Okada Goto "
        "Hasegawa Murakami Kondo Ishii Sakamoto Endo Ngo Duong Ly Dinh Trinh Truong Lam Doan Vuong Quach Tong Luu Chu "
        "Kwan Tsang Leung Chan Wong Fong Lau Yip Nakagawa Okamoto Fujimoto Nishimura Takeda Maeda Ota Kaneko",
    ),
    "south_asian": (
        "Aarav Priya Rahul Ananya Vikram Deepika Arjun Kavya Rohan Sneha Sanjay Pooja Amit Neha Rajesh Sunita Karthik "
        "Lakshmi Suresh Divya Aditya Meera Nikhil Shreya Harpreet Gurpreet Manpreet Jaswinder Imran Ayesha Farhan Nadia "
        "Tariq Sadia Rakib Tahmina Nimal Dilani Kasun Chamari Venkatesh Padma Ravi Anjali Siddharth Ishaan Tanvi Mohan "
        "Gita Prakash Abhishek Akash Alok Amitabh Anand Anil Anita Anupama Arun Asha Bhavna Chandra Darshan Deepak "
        "Dinesh Gaurav Geeta Harish Hema Indira Jaya Jyoti Kamala Kiran Krishna Kunal Madhu Mahesh Manish Mukesh "
        "Nandini Naveen Nisha Pallavi Parvati Pradeep Preeti Rajiv Ramesh Rani Ritu Sachin Sangeeta Sarita Shanti "
        "Shilpa Shiva Sita Smita Sonia Sudha Sunil Swati Uma Usha Vandana Varun Vijay Vinod Yash Balwinder Harjit "
        "Kuldeep Navdeep Simran Amrit Rupinder Parminder Jagdeep Asif Bilkis Faruk Habiba Jahangir Kamrul Mahmuda "
        "Nasrin Rubina Shahid Sultana Tanvir Arif Ruwan Thilini Chathura Nadeesha Upul Lasantha Ishara Aishwarya "
        "Bhaskar Girish Hemant Jayant Kalpana Lalit Mohini Nirmala Rekha Savitri Tejas Vidya",
        "Patel Shah Sharma Singh Kumar Gupta Reddy Rao Iyer Nair Menon Pillai Mehta Desai Joshi Kulkarni Chatterjee "
        "Banerjee Mukherjee Das Bose Ghosh Sen Chowdhury Verma Agarwal Malhotra Kapoor Khanna Bhatia Sandhu Gill "
        "Dhillon Grewal Ahmed Hossain Rahman Islam Khan Qureshi Siddiqui Perera Fernando Silva Jayasuriya "
        "Wickramasinghe Krishnan Subramanian Venkataraman Naidu Acharya Ahluwalia Bajwa Bhat Bhattacharya Chopra Dutta "
        "Dubey Goswami Hegde Jain Kapadia Kaur Kohli Kothari Mishra Nayak Pandey Parekh Pandit Rajput Rastogi Saxena "
        "Sethi Shetty Shukla Sinha Srinivasan Tiwari Trivedi Thakur Upadhyay Vyas Yadav Arora Bakshi Chawla Dhawan "
        "Goyal Jaiswal Luthra Mahajan Nanda Oberoi Puri Sodhi Talwar Wadhwa Ghuman Randhawa Sidhu Brar Aulakh Uddin "
        "Akter Begum Sarkar Bhuiyan Miah Haque Alam Mondal Dissanayake Gunawardena Bandara Rajapaksa Herath Senanayake "
        "Ranasinghe Jayawardena Kumara Pathirana Raman Ramaswamy Natarajan Sundaram Chandrasekhar Ganesan Murthy Bhatt "
        "Deshpande Gokhale Kamat Patil Sawant Shinde Jadhav Bhandari Chaudhary Ganguly Kashyap Mathur Rathore Tandon",
    ),
    "arabic": (
        "Mohammed Ahmed Fatima Ali Aisha Omar Layla Hassan Mariam Youssef Zainab Khalid Noor Ibrahim Huda Mustafa Salma "
        "Abdullah Rania Karim Yasmin Hamza Amira Samir Dalia Walid Leila Nabil Hana Faisal Rana Bilal Samira Jamal Lina "
        "Ziad Maha Adel Nour Rashid Farah Majid Reem Saeed Iman Anwar Ghada Tarek Mona Sami Abdulrahman Adnan Ahlam "
        "Akram Asma Ayman Basma Bushra Dina Ehab Emad Fadi Fadia Farid Fouad Ghassan Hadi Haifa Hala Hamid Haya Hiba "
        "Hussein Jamila Kamal Khadija Lamia Lubna Manal Marwan Maysa Mazen Munir Nawal Rafiq Raed Rasha Saad Sabah "
        "Safiya Sahar Salim Sana Shadi Suad Sufyan Tamer Wafa Wael Yara Yasser Zaher Zeina Ammar Anas Dalal Ghaleb "
        "Houda Jawad Khaled Loay Mahdi Maram Nizar Qais Rabab Rami Rawan Ruba Samer Souad Usama Widad Yazan Zakaria "
        "Abdelkader Aziza Badr Fawzi Hosni Jumana Latifa Mounir Nabila Reda Sawsan Thuraya Yahya",
        "Al-Masri Al-Rashid Al-Farsi Al-Hashimi Al-Amin Haddad Khoury Nasser Hamdan Mansour Saleh Abdallah Aziz Barakat "
        "Darwish Farouk Ghanem Habib Jaber Kassem Khalil Mahmoud Najjar Othman Qasim Rahal Sabbagh Shami Suleiman Tahan "
        "Yassin Zaki El-Amin El-Masry Bakr Hijazi Issa Karam Maalouf Nassar Osman Rizk Sabri Taha Wahba Yousef Zidan "
        "Awad Fakhoury Abboud Abbas Abdelaziz Abdelrahman Al-Ahmad Al-Bakri Al-Dosari Al-Ghamdi Al-Harbi Al-Hassan "
        "Al-Jaber Al-Khatib Al-Mutairi Al-Otaibi Al-Qahtani Al-Sayed Al-Shammari Al-Zahrani Ashour Assaf Atallah Bitar "
        "Boutros Daher Dakhil Eid El-Sayed El-Khoury Fares Farhat Ghosn Hakim Halabi Hamad Harb Hassoun Jabbour Jaafar "
        "Kanaan Khalaf Madi Makhlouf Moussa Nader Nasrallah Rizkallah Sabbah Salameh Sarkis Sayegh Shaheen Sharif "
        "Tawfik Zoghbi Zahran Haidar Hamoud Jarrah Mourad Naim Qassem Salem Sultan Yacoub Zayed Abdelnour Bazzi Chehab "
        "Dagher Haddadin Kabbani Mattar Nahas Obeid Saadeh Tannous Zureik Al-Obaidi Al-Tamimi Bishara Hammoud Shalhoub",
    ),
    "african": (
        "Chinedu Ngozi Oluwaseun Adaeze Emeka Folake Kwame Ama Kofi Akosua Yaw Abena Tendai Rudo Tafadzwa Nyasha Thabo "
        "Lerato Sipho Nomvula Wanjiru Kamau Achieng Otieno Njeri Amara Chiamaka Obinna Ifeoma Babajide Funmilayo Tunde "
        "Yetunde Sekou Aminata Mamadou Fatoumata Abebe Tigist Dawit Selam Kwabena Efua Zodwa Bongani Ayodele Nneka "
        "Olumide Chidi Makena Abimbola Adebola Adenike Afia Akua Akin Amadi Amaka Ayodeji Bisi Bolaji Chike Chioma "
        "Chinwe Chukwuemeka Damilola Dayo Ebere Ejike Femi Gbenga Ikechukwu Kayode Kehinde Nkechi Nnamdi Obiageli "
        "Olamide Olufemi Oluwatobi Segun Simisola Taiwo Temitope Uchenna Adjoa Esi Kojo Kwaku Kwesi Yaa Abeni Baraka "
        "Imani Jabari Juma Kioko Mwanaisha Wambui Zawadi Amani Amadou Awa Binta Boubacar Fanta Ibrahima Oumar Ousmane "
        "Adama Kadiatou Mariama Alemayehu Almaz Berhane Genet Meron Mulugeta Tsehay Yonas Zewdi Lindiwe Mandla Nandi "
        "Sibusiso Thandiwe Themba Kagiso Refilwe Tshepo Farai Tatenda Chipo Kudzai Nyarai Fadzai Adwoa Ekow Kobina Nana "
        "Oyin Wuraola Tolani Eniola",
        "Okafor Adeyemi Okonkwo Mensah Boateng Asante Owusu Ndlovu Dlamini Nkosi Mokoena Moyo Chikwanha Mutasa Kariuki "
        "Ochieng Odhiambo Wanjala Kimani Mwangi Nwosu Eze Obi Adebayo Balogun Oyelaran Diallo Traoré Keita Coulibaly "
        "Touré Bekele Tesfaye Haile Girma Abiodun Osei Appiah Agyeman Danso Chukwu Onyango Mutua Kiplagat Ssemakula "
        "Mukasa Banda Phiri Zulu Okeke Achebe Adeleke Adewale Afolabi Ajayi Akande Akinola Alabi Aluko Anyanwu "
        "Babatunde Bello Chukwuma Ekwueme Ibekwe Igwe Iwu Nwachukwu Nwankwo Obiora Odili Ogunleye Ogundipe Ojo Okoro "
        "Olaniyan Onuoha Oyewole Uche Ugwu Adjei Amoah Ansah Antwi Asamoah Darko Frimpong Gyamfi Ofori Opoku Quaye "
        "Sarpong Tetteh Yeboah Acheampong Kamara Sesay Bangura Conteh Koroma Camara Cissé Diop Gueye Mbaye Ndiaye Sall "
        "Abate Alemu Assefa Desta Gebre Kebede Mekonnen Tadesse Wolde Worku Chege Gitau Kiprop Macharia Maina Mugo "
        "Omondi Wafula Waweru Mugisha Nakato Nsubuga Okello Ouma Mahlangu Mabaso Mthembu Ngcobo Khumalo Sithole "
        "Mazibuko Molefe Radebe Chirwa Mwale Tembo Lungu Mulenga Sibanda Ncube Mpofu Chiweshe Oduya Nwafor Okonjo",
    ),
    "slavic": (
        "Ivan Olga Dmitri Natalia Sergei Svetlana Alexei Tatiana Mikhail Ekaterina Vladimir Irina Andrei Yelena Nikolai "
        "Anastasia Pavel Oksana Yuri Ludmila Piotr Agnieszka Krzysztof Małgorzata Tomasz Katarzyna Wojciech Magdalena "
        "Jakub Zofia Jiří Petra Tomáš Lucie Bogdan Milena Dragan Jelena Goran Vesna Stanislav Bożena Oleksandr Halyna "
        "Taras Yulia Boris Vera Miroslav Daria Aleksandr Alina Anatoly Anton Arkady Artem Denis Dmitry Egor Evgeny "
        "Fyodor Galina Gennady Grigory Igor Ilya Inna Kirill Konstantin Larisa Leonid Lyubov Nadezhda Nina Oleg Polina "
        "Ruslan Valery Viktor Vitaly Yaroslav Zhanna Zoya Bartosz Dorota Ewa Grzegorz Jadwiga Joanna Kamil Łukasz Marek "
        "Marta Michał Paweł Stanisław Urszula Witold Zbigniew Barbora Eliška Jana Jaroslav Kateřina Lukáš Markéta "
        "Ondřej Radek Vojtěch Zdeněk Branko Dušan Ivana Milica Nenad Slobodan Snežana Vladan Zoran Bogdana Dmytro Hanna "
        "Kateryna Mykola Petro Serhiy Solomiya Vasyl Volodymyr Lesya Borislav Ljiljana Radoslav Svetozar Wiesław Halina "
        "Bronisław",
        "Ivanov Petrov Smirnov Kuznetsov Popov Sokolov Lebedev Kozlov Novikov Morozov Volkov Pavlova Fedorova "
        "Mikhailova Kowalski Nowak Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański Dąbrowski Kozłowski Novák "
        "Svoboda Dvořák Černý Procházka Kovačević Petrović Jovanović Nikolić Marković Horvat Babić Shevchenko "
        "Bondarenko Kovalenko Tkachenko Melnyk Boyko Kravchenko Oliynyk Volkova Orlov Zaitsev Belov Grigoriev Vasiliev "
        "Abramov Alekseev Andreev Antonov Belyaev Bogdanov Vinogradov Gavrilov Gusev Davydov Egorov Zakharov Ilyin "
        "Kiselev Komarov Kuzmin Makarov Medvedev Nikitin Pavlov Romanov Semenov Sorokin Stepanov Tarasov Titov Frolov "
        "Chernov Yakovlev Baranowski Górski Jankowski Kaczmarek Krawczyk Mazur Pawlak Piotrowski Sikora Walczak Wróbel "
        "Zając Adamczyk Dudek Kowalczyk Majewski Ostrowski Rutkowski Jelínek Kučera Veselý Pokorný Novotný Hájek Krejčí "
        "Beneš Šimek Đorđević Ilić Pavlović Stojanović Popović Živković Todorović Lazić Kovač Jurić Knežević Vuković "
        "Tomić Savchenko Rudenko Lysenko Moroz Kovalchuk Marchenko Hnatyuk Pavlenko Kravets Sydorenko Tkachuk "
        "Polishchuk Kuzmenko Levchenko Grabowski Jasiński Nowicki",
    ),
    "european": (
        "Pierre Camille Hans Greta Giuseppe Chiara Lars Ingrid Sven Astrid Jean-Luc Margaux Klaus Annelies Matteo "
        "Giulia Joost Femke Niamh Siobhan Seán Aoife Dimitrios Eleni Nikos Despina João Inês Jürgen Sabine Étienne "
        "Amélie Lorenzo Francesca Henrik Sigrid Bram Lotte Cormac Orla Alain Amandine Anneke Antoine Benedikt "
        "Bernadette Brigitte Carlo Clément Cornelia Daan Dieter Elodie Fabrice Federica Florian Francesco Frederik "
        "Gaëlle Georgios Gerhard Hélène Ilse Isabelle Jens Jeroen Karin Katrin Kerstin Laurent Leonie Liesbeth Luca "
        "Ludovic Maarten Magnus Mathilde Maximilian Mette Nils Odile Ole Padraig Paolo Pascale Pieter Rasmus Renate "
        "Ruairí Sander Sinéad Stefano Stijn Thijs Thibault Ulrike Vasilis Wolfgang Yannick Zoé Eoin Caoimhe Ciarán "
        "Maeve Dermot Gráinne Kostas Panagiotis Ioanna Stavros Tiago Rui Gonçalo Leonor Séverine Ghislaine Benoît "
        "Aurélien Margarethe Friedrich Wilhelmina Annika Björn Solveig",
        "Dubois Lefebvre Moreau Müller Schmidt Schneider Fischer Rossi Russo Ferrari Esposito Bianchi Jansen de_Vries "
        "van_den_Berg Bakker Larsen Johansson Andersson Nielsen O'Brien Murphy Kelly Papadopoulos Georgiou Oliveira "
        "Costa Fontaine Lambert Hoffmann Weber Conti Ricci Gallagher MacLeod Lindqvist Vermeulen Ferreira Santos "
        "Brunner Bernard Bonnet Chevalier Durand Fournier Garnier Girard Leroy Mercier Roux Becker Hartmann Krüger "
        "Richter Schäfer Schröder Schulz Wagner Zimmermann Colombo De_Luca Fontana Galli Lombardi Mancini Moretti "
        "Rinaldi Romano Barbieri De_Jong Dekker Smit Visser Meijer Mulder Hendriks Pedersen Kristensen Lindberg Nilsson "
        "Eriksson Alexiou Dimitriou Karagiannis Nikolaidis Vlachos Almeida Carvalho Gomes Lopes Martins Pereira Ribeiro "
        "Sousa Teixeira Huber Gruber Steiner Egger Rousseau Lemaire Faure Gauthier Bertrand Marchetti Caruso Bellini "
        "Pellegrini Van_Dijk Janssens Peeters Maes Vandenberghe Kuijpers Halvorsen Bergström Sandberg Haugen Korhonen "
        "Virtanen Mäkinen Nieminen Oikonomou Antonopoulos Magalhães",
    ),
}


# 0.4.2's corpus (synth.py --lists 0.4.2) drew from each list's first 50 names, or as many as given here: the lists
# were 40-50 names per origin and part until 2026-12-07 and have only grown at their ends since
LISTS_042 = {"european": 40}


def origin_lists():
    return {k: (v[0].split(), [s.replace("_", " ") for s in v[1].split()]) for k, v in ORIGINS.items()}


class NameMarkov:
    """Character n-gram model of one name list, to generate names of the same origin that no list holds.
    The hand lists are short (about 100-120 training names per origin and part), so a model trained on them can
    memorise the strings; new names from the same letter patterns make it read context and spelling instead."""

    def __init__(self, names, order=2):
        self.order = order
        self.known = set(names)
        self.next = {}
        for n in names:
            s = "^" * order + n + "$"
            for i in range(order, len(s)):
                self.next.setdefault(s[i - order:i], []).append(s[i])

    def sample(self, rng, reject, tries=50):
        """A name of 4-14 characters that is not in the list and that reject(name) does not refuse; None if no
        such name came up in `tries` draws."""
        for _ in range(tries):
            ctx, out = "^" * self.order, []
            while len(out) < 15:
                c = rng.choice(self.next[ctx])
                if c == "$":
                    break
                out.append(c)
                ctx = ctx[1:] + c
            name = "".join(out)
            if 4 <= len(name) <= 14 and name not in self.known and not reject(name):
                return name
        return None
